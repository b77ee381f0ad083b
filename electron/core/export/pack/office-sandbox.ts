import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * How LibreOffice runs for one conversion: a fresh user profile per run (nothing a document did
 * in an earlier run — trusted locations, recent links, macro settings — carries over), with
 * links never updated, linked content from untrusted documents blocked, macros off, every proxy
 * pointed at a closed local port, and, where Linux allows it, no network at all (a network
 * namespace of its own with not even loopback up).
 */

/** Discard port on loopback: nothing listens there, so a request fails at once. */
const DEAD_PROXY = { host: '127.0.0.1', port: 9 };

const prop = (path: string, name: string, type: 'boolean' | 'int' | 'string', value: string | number | boolean) =>
  `<item oor:path="${path}"><prop oor:name="${name}" oor:op="fuse"><value>${value}</value></prop></item>`;

const SETTINGS = [
  // Linked pictures, sections and OLE objects of a document from outside the trusted locations (there are none).
  prop('/org.openoffice.Office.Common/Security/Scripting', 'BlockUntrustedRefererLinks', 'boolean', true),
  prop('/org.openoffice.Office.Common/Security/Scripting', 'MacroSecurityLevel', 'int', 3),
  prop('/org.openoffice.Office.Common/Security/Scripting', 'DisableMacrosExecution', 'boolean', true),
  // Links and fields are not updated on loading (Writer: 0 = never; Calc: 1 = never).
  prop('/org.openoffice.Office.Writer/Content/Update', 'Link', 'int', 0),
  prop('/org.openoffice.Office.Writer/Content/Update', 'Field', 'boolean', false),
  prop('/org.openoffice.Office.Writer/Content/Update', 'Chart', 'boolean', false),
  prop('/org.openoffice.Office.Calc/Content/Update', 'Link', 'int', 1),
  // Manual proxy to a closed port, for HTTP, HTTPS and FTP; no exceptions.
  prop('/org.openoffice.Inet/Settings', 'ooInetProxyType', 'int', 1),
  prop('/org.openoffice.Inet/Settings', 'ooInetHTTPProxyName', 'string', DEAD_PROXY.host),
  prop('/org.openoffice.Inet/Settings', 'ooInetHTTPProxyPort', 'int', DEAD_PROXY.port),
  prop('/org.openoffice.Inet/Settings', 'ooInetHTTPSProxyName', 'string', DEAD_PROXY.host),
  prop('/org.openoffice.Inet/Settings', 'ooInetHTTPSProxyPort', 'int', DEAD_PROXY.port),
  prop('/org.openoffice.Inet/Settings', 'ooInetFTPProxyName', 'string', DEAD_PROXY.host),
  prop('/org.openoffice.Inet/Settings', 'ooInetFTPProxyPort', 'int', DEAD_PROXY.port),
  prop('/org.openoffice.Inet/Settings', 'ooInetNoProxy', 'string', ''),
  // No update check, no first-start wizard.
  prop('/org.openoffice.Office.Common/Misc', 'FirstRun', 'boolean', false),
  prop('/org.openoffice.Office.Jobs/Jobs/UpdateCheck/Arguments', 'AutoCheckEnabled', 'boolean', false),
];

/** Writes a fresh LibreOffice user installation with the settings above into `dir`. */
export async function writeOfflineProfile(dir: string): Promise<void> {
  await mkdir(join(dir, 'user'), { recursive: true, mode: 0o700 });
  const xcu = `<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n${SETTINGS.join('\n')}\n</oor:items>\n`;
  await writeFile(join(dir, 'user', 'registrymodifications.xcu'), xcu, { mode: 0o600 });
}

/** Environment of the conversion: its own home, and proxies that lead nowhere for libcurl too. */
export function offlineEnv(home: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const proxy = `http://${DEAD_PROXY.host}:${DEAD_PROXY.port}`;
  return {
    ...env,
    HOME: home,
    http_proxy: proxy,
    https_proxy: proxy,
    ftp_proxy: proxy,
    all_proxy: proxy,
    HTTP_PROXY: proxy,
    HTTPS_PROXY: proxy,
    FTP_PROXY: proxy,
    ALL_PROXY: proxy,
    no_proxy: '',
    NO_PROXY: '',
  };
}

let namespacePrefix: string[] | null | undefined;

/**
 * `unshare` arguments that start a program without network (Linux, where user or network
 * namespaces are allowed), or null. Probed once per process.
 */
export function noNetworkPrefix(): string[] | null {
  if (namespacePrefix !== undefined) return namespacePrefix;
  namespacePrefix = null;
  if (process.platform !== 'linux') return null;
  for (const args of [['-rn'], ['-n']]) {
    const probe = spawnSync('unshare', [...args, 'true'], { stdio: 'ignore', timeout: 5_000 });
    if (probe.status === 0) {
      namespacePrefix = ['unshare', ...args];
      break;
    }
  }
  return namespacePrefix;
}
