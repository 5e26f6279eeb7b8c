import { API_PATHS } from '@parley/protocol';
import { ApiError } from './ApiError';

/**
 * The API's origin. Empty (the default) means the page's own origin: the server serves the web app,
 * or Vite's dev proxy forwards /api to it. Set VITE_API_URL when the web app is hosted apart.
 */
const apiBase = (import.meta.env.VITE_API_URL ?? '').replace(/\/+$/, '');

export function apiUrl(path: string): string {
  return apiBase + path;
}

/** The stream URL; `since` resumes from cached state when the browser has no Last-Event-ID to send. */
export function eventsUrl(since: number | null): string {
  const url = apiUrl(API_PATHS.events);
  return since === null ? url : `${url}?since=${since}`;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * Sends one JSON request with the session cookie. Resolves to the parsed body (undefined for 204),
 * rejects with ApiError. The body is not validated here: the server serializes every response with
 * the protocol schema, and a validator would cost the bundle more than it would catch.
 */
export async function request(path: string, options: RequestOptions = {}): Promise<unknown> {
  const { method = 'GET', body, signal } = options;
  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      method,
      credentials: 'include',
      // Only send a content type with a body: the server rejects an empty JSON body.
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw ApiError.network(error);
  }
  if (response.status === 204) return undefined;
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) throw ApiError.fromResponse(response.status, data);
  return data;
}
