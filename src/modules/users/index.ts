import './messages';

export { usersPolicy } from './policy';
export { findUserById, findUserByEmail, insertUser, setUserRole, touchLastLogin, countUsersByRole } from './queries';
export type { UserRow } from './queries';
export { createUser } from './create-user';
export { createUserSchema } from './validation';
export { anonymisePerson, anonymisedName } from './anonymise-person';
export { exportPersonalData } from './export-personal-data';
export { insertUsers } from './queries';
