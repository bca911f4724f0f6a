import './messages';

export { importsPolicy } from './policy';
export { analyseImport, hasErrors } from './analyse-import';
export type { ImportAnalysis, LineError } from './analyse-import';
export { runImport } from './run-import';
export type { RunOutcome } from './run-import';
export { previewImport } from './preview-import';
export { launchImport, SYNC_MAX_ROWS } from './launch-import';
export { bufferSource, fileSource } from './file-reader';
export type { ImportSource } from './file-reader';
export { insertRun, finishRun, findRun } from './queries';
export { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from './row-rules';
