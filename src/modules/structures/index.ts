export { listStructures, findStructure, findStructureByName } from './queries';
export type { StructureRow } from './queries';
export { insertStructures } from './queries';
