import './messages';

export { consolidationPolicy } from './policy';
export type { WorkScope } from './policy';
export { coverageOf, progressOf, nextCode, themePrefix, checkExtract, isUniqueViolation } from './rules';
export type { Coverage } from './rules';
export { insertConsolidatedRows, insertExtracts, insertLinkRows } from './queries';
