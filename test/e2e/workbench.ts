// Drives a real VS Code (code-server 4.100.3) in Debian's Chromium through playwright-core: start, open a folder, palette, panels, dialogs.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { python } from './database';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const resultsDir = path.join(repoRoot, 'test-results');
const cache = process.env.ERUDI_E2E_CACHE ?? path.join(process.env.HOME ?? tmpdir(), '.cache/erudi-migrations');
export const codeServerEntry = path.join(cache, 'code-server-4.100.3/node_modules/code-server/out/node/entry.js');
export const vsixPath = process.env.ERUDI_E2E_VSIX ?? path.join(repoRoot, 'dist/erudi-migrations.vsix');
const chromiumPath = process.env.ERUDI_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** Polls `probe` until it returns a truthy value; fails with `what` and the last value seen. Never a fixed sleep. */
export async function until<T>(what: string, probe: () => Promise<T> | T, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      last = await probe();
      if (last) return last as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Removes a copy made by copyExamples, unless ERUDI_E2E_KEEP asks to keep it for a look. */
export function removeCopy(workspace: string): void {
  if (!process.env.ERUDI_E2E_KEEP) rmSync(path.dirname(workspace), { recursive: true, force: true });
}

/** A copy of examples/ in a temporary folder, so tests can write scripts and databases freely. */
export function copyExamples(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'erudi-e2e-'));
  const workspace = path.join(root, 'examples');
  // ERUDI_E2E_EXAMPLES points the suite at another copy of the examples (to debug the harness itself).
  const source = process.env.ERUDI_E2E_EXAMPLES ?? path.join(repoRoot, 'examples');
  if (!existsSync(path.join(source, 'ticketing/migration'))) {
    throw new Error(`${source}/ticketing/migration is missing: the end-to-end tests run against the example application`);
  }
  cpSync(source, workspace, { recursive: true, filter: (src) => !/[\\/](\.erudi|__pycache__)$/.test(src) });
  return workspace;
}

export interface CodeServerOptions {
  /** false: workspace trust is enabled and the folder opens in Restricted Mode. */
  trusted: boolean;
}

/** One code-server process with the packaged extension installed, and one Chromium. */
export class CodeServer {
  private constructor(
    readonly url: string,
    private readonly process: ChildProcess,
    private readonly browser: Browser,
    readonly home: string,
    private readonly log: () => string,
  ) {}

  static async start(options: CodeServerOptions): Promise<CodeServer> {
    if (!existsSync(codeServerEntry)) throw new Error(`code-server is not installed at ${codeServerEntry}: run test/e2e/setup-code-server.sh`);
    if (!existsSync(vsixPath)) throw new Error(`${vsixPath} is missing: run npm run package`);
    const home = mkdtempSync(path.join(tmpdir(), 'erudi-e2e-code-server-'));
    const userData = path.join(home, 'user-data');
    const extensions = path.join(home, 'extensions');
    mkdirSync(path.join(userData, 'User'), { recursive: true });
    writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.ignoreRecommendations': true,
      'update.mode': 'none',
      'security.workspace.trust.enabled': !options.trusted,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.banner': 'always',
      'erudiMigrations.pythonPath': python,
      'files.simpleDialog.enable': true,
      'editor.quickSuggestionsDelay': 0,
    }, null, 2));
    const install = spawnSync(process.execPath, [codeServerEntry, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsixPath], { encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`code-server --install-extension failed: ${install.stdout}${install.stderr}`);
    const port = await freePort();
    let log = '';
    const child = spawn(process.execPath, [
      codeServerEntry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', userData,
      '--extensions-dir', extensions, '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
    ], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PGPASSWORD: '' }, detached: true });
    child.stdout!.on('data', (d) => { log += d; });
    child.stderr!.on('data', (d) => { log += d; });
    const url = `http://127.0.0.1:${port}`;
    try {
      await until('code-server to answer /healthz', async () => (await fetch(`${url}/healthz`)).ok, 60_000);
      // Playwright gives every launch a fresh, temporary profile (the --user-data-dir of a clean run).
      const browser = await chromium.launch({
        executablePath: chromiumPath,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      });
      return new CodeServer(url, child, browser, home, () => log);
    } catch (error) {
      process.kill(-child.pid!, 'SIGTERM');
      throw new Error(`${error instanceof Error ? error.message : String(error)}\ncode-server log:\n${log}`);
    }
  }

  /** Opens `folder` in a new tab and waits for the workbench and the extension host. */
  async open(folder: string): Promise<Workbench> {
    const context = await this.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${this.url}/?folder=${encodeURIComponent(folder)}`);
    await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60_000 });
    return new Workbench(page, folder);
  }

  serverLog(): string {
    return this.log();
  }

  async stop(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    if (this.process.exitCode === null && this.process.signalCode === null) {
      const exited = new Promise((resolve) => this.process.once('exit', resolve));
      // code-server runs in its own process group: stopping the group also stops its extension hosts.
      process.kill(-this.process.pid!, 'SIGTERM');
      await exited;
    }
    if (!process.env.ERUDI_E2E_KEEP) rmSync(this.home, { recursive: true, force: true });
  }
}

/** What a test does in the workbench, in the words of a person using it. */
export class Workbench {
  constructor(readonly page: Page, readonly folder: string) {}

  async screenshot(name: string): Promise<string> {
    mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Runs a command from the palette by its title (as shown, "Category: Title"). */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await this.page.keyboard.press('Escape');
    // A panel that takes focus as it opens can close the palette again: reopen and retype until the command is listed.
    await until(`"${title}" in the command palette`, async () => {
      if (!(await input.isVisible())) {
        await this.page.keyboard.press('Escape');
        await this.page.keyboard.press('F1');
        if (!(await input.waitFor({ state: 'visible', timeout: 2_000 }).then(() => true, () => false))) return false;
      }
      if ((await input.inputValue({ timeout: 2_000 }).catch(() => '')) !== `>${title}`) {
        if (!(await input.fill(`>${title}`, { timeout: 2_000 }).then(() => true, () => false))) return false;
      }
      const labels = await this.page.locator('.quick-input-widget .monaco-list-row').allInnerTexts();
      if (!labels.some((l) => l.replace(/\s+/g, ' ').includes(title))) return false;
      // The palette can close between listing and clicking (a panel taking focus): then reopen, never wait 30 s on it.
      return this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().click({ timeout: 2_000 }).then(() => true, () => false);
    });
  }

  /** Opens a file by its path relative to the workspace folder, with Quick Open. */
  async openFile(relative: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(relative);
    const base = path.basename(relative);
    const folder = path.dirname(relative);
    // Enter opens the first row: wait until it is this file (name and folder), not a recently opened namesake.
    await until(`${relative} first in Quick Open`, async () => {
      const first = this.page.locator('.quick-input-widget .monaco-list-row').first();
      const text = (await first.count()) ? (await first.innerText()).replace(/\s+/g, ' ') : '';
      return text.includes(base) && (folder === '.' || text.includes(folder));
    });
    await this.page.keyboard.press('Enter');
    await until(`${base} to be the active editor`, async () =>
      (await this.page.locator('.tabs-container .tab.active', { hasText: base }).count()) > 0);
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible' });
  }

  /** The rows of the Problems panel, as text. */
  async problems(): Promise<string[]> {
    if ((await this.page.locator('.markers-panel').count()) === 0 || !(await this.page.locator('.markers-panel').isVisible())) {
      await this.runCommand('View: Focus Problems');
    }
    return (await this.page.locator('.markers-panel .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
  }

  async notifications(): Promise<string[]> {
    return (await this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
  }

  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
  }

  /** The modal dialog's message, when one is shown. */
  async dialogMessage(): Promise<string | undefined> {
    const box = this.page.locator('.monaco-dialog-box');
    if ((await box.count()) === 0 || !(await box.first().isVisible())) return undefined;
    return (await box.first().innerText()).replace(/\s+/g, ' ');
  }

  async pressDialogButton(label: string): Promise<void> {
    await this.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button', { hasText: new RegExp(`^\\s*${label}\\s*$`) }).first().click();
  }

  /** Types at the end of the active editor. */
  async typeAtEnd(text: string): Promise<void> {
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.type(text);
  }

  async suggestions(): Promise<string[]> {
    return (await this.page.locator('.suggest-widget .monaco-list-row .label-name').allInnerTexts()).map((t) => t.trim());
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}
