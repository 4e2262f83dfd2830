// A small WebDriver BiDi client for Firefox: starts firefox-esr on a profile of our own, and
// sends commands over the WebSocket Firefox opens. Test tools that download their own Firefox
// cannot run here, and Debian's firefox-esr speaks BiDi itself.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import WebSocket from 'ws';

const START_TIMEOUT = 30_000;

// Starts Firefox headless on `profile` (a directory) with `prefs` written to its user.js, and
// opens a BiDi session; `env` is added to its environment. Answers { send, on, close }.
// MIWAKE_FIREFOX_LOG=1 passes Firefox's own output through (with the pref
// devtools.console.stdout.content, the console of pages and content scripts).
export async function startFirefox({ executable, profile, prefs, env = {} }) {
  const lines = Object.entries(prefs).map(([key, value]) => `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});`);
  await writeFile(join(profile, 'user.js'), `${lines.join('\n')}\n`);
  const firefox = spawn(executable, ['--headless', '--no-remote', '--remote-debugging-port=0', '--profile', profile], {
    stdio: ['ignore', process.env.MIWAKE_FIREFOX_LOG ? 'inherit' : 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  const endpoint = await new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`Firefox did not open BiDi in time:\n${log}`)), START_TIMEOUT);
    firefox.once('exit', (code) => reject(new Error(`Firefox exited (${code}) before BiDi opened:\n${log}`)));
    firefox.stderr.on('data', (chunk) => {
      log += chunk;
      const found = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(log);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
  });
  const socket = new WebSocket(`${endpoint}/session`);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });

  let lastId = 0;
  const pending = new Map();
  const listeners = new Map();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    if (message.type === 'event') {
      for (const listener of listeners.get(message.method) ?? []) listener(message.params);
      return;
    }
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.type === 'error') waiting.reject(new Error(`${message.error}: ${message.message}`));
    else waiting.resolve(message.result);
  });
  socket.on('close', () => {
    for (const { reject } of pending.values()) reject(new Error('the BiDi connection closed'));
    pending.clear();
  });

  const send = (method, params = {}) => new Promise((resolve, reject) => {
    lastId += 1;
    pending.set(lastId, { resolve, reject });
    socket.send(JSON.stringify({ id: lastId, method, params }));
  });

  await send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: true } } });
  return {
    send,
    on(method, listener) {
      if (!listeners.has(method)) listeners.set(method, []);
      listeners.get(method).push(listener);
    },
    async close() {
      await send('browser.close').catch(() => {});
      socket.close();
      if (firefox.exitCode === null) {
        await new Promise((resolve) => {
          const timer = setTimeout(() => firefox.kill('SIGKILL'), 5_000);
          firefox.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
}

// A remote value from script.evaluate/callFunction, as plain JS (the tests' functions answer
// JSON text, so only primitives come back).
export function plainValue(result) {
  if (result.type === 'exception') {
    throw new Error(result.exceptionDetails?.text ?? 'the script threw');
  }
  const value = result.result;
  if (value.type === 'undefined' || value.type === 'null') return null;
  return value.value;
}
