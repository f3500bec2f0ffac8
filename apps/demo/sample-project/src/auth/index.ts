export { defaultConfig, type AuthConfig } from './config.js';
export { createToken, verifyToken, type TokenClaims } from './tokens.js';
export { registerUser, login, changePassword, describePermissions, resetUsers, type User } from './users.js';
