export { configurePassport, loadActor } from './passport';
export { createLoginThrottle } from './throttle';
export { destroySessionsOf } from './queries';
export type { LoginThrottle } from './throttle';
export { authPolicy } from './policy';
export { hashPassword, verifyPassword, generatePassword, PASSWORD_MIN_LENGTH } from './password';
