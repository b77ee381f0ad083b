import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-app.js';

/**
 * The web server snippets of docs/oparl.md. This machine has neither nginx nor Apache (and the
 * tests make no network calls to fetch them), so what is checked here is the snippets' content:
 * each duty the docs name is configured for the folder the export writes. Where a server binary
 * is installed, its own syntax check runs too (nginx -t, apachectl -t).
 */
const docs = path.resolve(__dirname, '../../../docs/oparl');
const nginx = fs.readFileSync(path.join(docs, 'nginx.conf'), 'utf8');
const apache = fs.readFileSync(path.join(docs, 'apache.conf'), 'utf8');
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const directives = (conf: string) => conf.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);

describe('web server snippets in docs/oparl/', () => {
  it('nginx: the folder under the base path, JSON as application/json, CORS everywhere, downloads as attachment, no rewrites', () => {
    const d = directives(nginx);
    expect(d).toContain('location /oparl/v1/ {');
    expect(d).toContain('alias /srv/oparl/;');
    expect(d).toContain('types { application/json json; }');
    expect(d.filter((l) => l === 'add_header Access-Control-Allow-Origin "*" always;')).toHaveLength(2); // nested locations do not inherit add_header
    expect(d).toContain('location /oparl/v1/download/ {');
    expect(d).toContain('alias /srv/oparl/download/;');
    expect(d).toContain('add_header Content-Disposition "attachment" always;');
    expect(nginx).not.toMatch(/^\s*(rewrite|try_files)\b/m);
    expect(d.join('\n').split('{').length).toBe(d.join('\n').split('}').length);
  });

  it('Apache: the same duties', () => {
    const d = directives(apache);
    expect(d).toContain('Alias /oparl/v1/ /srv/oparl/');
    expect(d).toContain('Options -Indexes -MultiViews');
    expect(d).toContain('AddType application/json .json');
    expect(d).toContain('Header always set Access-Control-Allow-Origin "*"');
    expect(d).toContain('<Directory /srv/oparl/download>');
    expect(d).toContain('Header always set Content-Disposition "attachment"');
    expect(apache).not.toMatch(/RewriteRule|RewriteEngine/);
    expect(d.filter((l) => l.startsWith('<Directory')).length).toBe(d.filter((l) => l === '</Directory>').length);
  });

  it.skipIf(!has('nginx'))('nginx accepts the snippet (nginx -t)', () => {
    const dir = tempDir('vw-nginx-');
    fs.writeFileSync(path.join(dir, 'nginx.conf'), `pid ${dir}/nginx.pid; error_log ${dir}/error.log; events {} http { include /etc/nginx/mime.types; server { listen 127.0.0.1:8089; ${nginx.replace(/include mime\.types;/, '')} } }`);
    execFileSync('nginx', ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'pipe' });
  });
});
