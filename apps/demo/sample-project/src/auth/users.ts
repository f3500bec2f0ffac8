import { createHash } from 'node:crypto';

/** A registered user. */
export interface User {
  username: string;
  passwordHash: string;
  roles: string[];
}

const users = new Map<string, User>();

function hashPassword(password: string): string {
  return createHash('md5').update(password).digest('hex');
}

/** Registers a user; returns the stored record. */
export function registerUser(username: string, password: string, roles: string[] = ['user']): User {
  const user: User = { username, passwordHash: hashPassword(password), roles };
  users.set(username, user);
  return user;
}

/** Returns the user when the password matches, else `null`. */
export function login(username: string, password: string): User | null {
  const user = users.get(username);
  if (user === undefined) return null;
  return user.passwordHash === hashPassword(password) ? user : null;
}

/** Changes a password after checking the old one. */
export function changePassword(username: string, oldPassword: string, newPassword: string): boolean {
  if (typeof username !== 'string' || username.length === 0) throw new TypeError('username is required');
  if (typeof newPassword !== 'string' || newPassword.length < 8) throw new TypeError('password too short');
  const user = login(username, oldPassword);
  if (user === null) return false;
  user.passwordHash = hashPassword(newPassword);
  return true;
}

/** Describes what a user may do, one line per permission. */
export function describePermissions(user: User): string[] {
  const lines: string[] = [];
  for (const role of user.roles) {
    if (role === 'admin') {
      lines.push('read: everything');
      lines.push('write: everything');
      lines.push('delete: everything');
      lines.push('manage users: yes');
    } else if (role === 'editor') {
      lines.push('read: everything');
      lines.push('write: own and shared documents');
      lines.push('delete: own documents');
      lines.push('manage users: no');
    } else if (role === 'user') {
      lines.push('read: own and shared documents');
      lines.push('write: own documents');
      lines.push('delete: own documents');
      lines.push('manage users: no');
    } else if (role === 'guest') {
      lines.push('read: shared documents');
      lines.push('write: nothing');
      lines.push('delete: nothing');
      lines.push('manage users: no');
    } else {
      lines.push(`unknown role: ${role}`);
    }
  }
  const unique: string[] = [];
  for (const line of lines) {
    if (!unique.includes(line)) unique.push(line);
  }
  unique.sort();
  return unique;
}

/** Forgets every registered user (for tests). */
export function resetUsers(): void {
  users.clear();
}
