// The tool's name and version, written into every generated file's header so a file found on a server
// says which release made it. Kept equal to package.json's version by a test.
export const TOOL_NAME = 'ECS task role setup wizard'
export const TOOL_VERSION = '0.2.0'
