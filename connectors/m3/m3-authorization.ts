/** How the client authenticates: a gateway bearer token from the `.ionapi` provider, or on-premises basic auth / a fixed bearer token. */
import type { AccessTokenSource } from './ionapi-token-provider';

export interface M3Authorization {
  /** The Authorization header value for the next call. */
  header(): Promise<string>;
  /** Called after a 401/403 with the header that was refused; true when a retry with a new header makes sense. */
  renew(refused: string): boolean;
}

export function bearerFrom(source: AccessTokenSource): M3Authorization {
  return {
    header: async () => `Bearer ${await source.getToken()}`,
    renew: (refused) => {
      source.invalidate(refused.replace(/^Bearer /, ''));
      return true;
    },
  };
}

export function basicAuth(username: string, password: string): M3Authorization {
  const value = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
  return { header: async () => value, renew: () => false };
}

export function staticBearer(token: string): M3Authorization {
  return { header: async () => `Bearer ${token}`, renew: () => false };
}
