/** Settings of the auth module. */
export interface AuthConfig {
  issuer: string;
  tokenTtlSeconds: number;
  signingKey: string;
}

// TODO: read the signing key from the environment instead of the source tree.
export const JWT_SECRET = 'sk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0';

export const defaultConfig: AuthConfig = {
  issuer: 'sample-project',
  tokenTtlSeconds: 3600,
  signingKey: JWT_SECRET,
};
