// The signed-in reader: the bearer token and display name, kept in localStorage so a reload (or another tab) stays signed in.

const key = 'atlasgrains.session';
const listeners = new Set();

function read() {
  try {
    const stored = JSON.parse(localStorage.getItem(key));
    return stored && stored.expiresAt > Date.now() ? stored : null;
  } catch {
    return null;
  }
}

export const session = {
  current: read,

  token: () => read()?.token ?? null,

  signIn(token, expiresInSeconds, displayName) {
    localStorage.setItem(key, JSON.stringify({ token, displayName, expiresAt: Date.now() + expiresInSeconds * 1000 }));
    listeners.forEach(listener => listener());
  },

  signOut() {
    localStorage.removeItem(key);
    listeners.forEach(listener => listener());
  },

  onChange: listener => listeners.add(listener),
};
