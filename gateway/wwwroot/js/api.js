// Calls the gateway's API and turns every failure into an ApiError with a message a reader can act on.
import { session } from './session.js';

export class ApiError extends Error {
  constructor(message, status, problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;

  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError('The server could not be reached. Check your connection and try again.', 0, null);
  }

  const text = await response.text();
  const data = text ? parse(text) : null;
  if (response.ok) return data;
  if (response.status === 401 && token) {
    session.signOut();
    throw new ApiError('Your session has ended. Please sign in again.', 401, data);
  }
  throw new ApiError(describe(response, data), response.status, data);
}

export const get = path => api('GET', path);

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A problem+json answer in words: the fields' messages, else its detail or title. */
function describe(response, problem) {
  if (response.status === 429) {
    const wait = response.headers.get('Retry-After');
    return `Too many requests. Please wait ${wait ? `${wait} seconds` : 'a moment'} and try again.`;
  }
  const fieldMessages = Object.values(problem?.errors ?? {}).flat();
  if (fieldMessages.length > 0) return fieldMessages.join(' ');
  if (problem?.detail || problem?.title) return problem.detail || problem.title;
  return `Something went wrong (HTTP ${response.status}). Please try again.`;
}
