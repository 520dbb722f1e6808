import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_AUDIT_KEY } from '../../test/support/audit-key.ts';
import { canonicalJson, GENESIS_HASH, hashChainedRow, hashPayload } from './audit/audit-chain.ts';
import { auditKey, loadAuditKey, useAuditKey } from './audit/audit-key.ts';
import { passwordWeakness } from './auth/password-policy.ts';
import { newRecoveryCode } from './auth/secrets.ts';
import { currentTotpCode, newTotpSecret, verifyTotp } from './auth/totp.ts';
import { loadConfig } from './config.ts';
import { toCsv } from './csv.ts';
import { startOfDanishDay } from './danish-time.ts';
import { acquireDataDirLock, DataDirLockedError } from './db/lock.ts';
import { localeFromAcceptLanguage, translate } from './i18n.ts';

describe('canonical JSON for the audit hash', () => {
  it('is independent of key order at every level, as jsonb reorders keys', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }));
    expect(canonicalJson({ a: undefined, b: 'x' })).toBe('{"b":"x"}');
  });

  it('changes the hash when any field, the payload, the link or the key changes', () => {
    const payload = { subject_id: null, purpose: 'a', before: null, after: { n: 1 }, salt: '00'.repeat(16) };
    const row = {
      chain: 'platform',
      at: new Date('2026-01-01T10:00:00.000Z'),
      actor_user_id: null,
      actor_name: 'x',
      municipality_id: null,
      action: 'user.read',
      entity_type: 'user',
      entity_id: '1',
      request_id: 'r',
      payload_hash: hashPayload(payload),
    };
    const base = hashChainedRow(GENESIS_HASH, row);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(hashChainedRow(GENESIS_HASH, { ...row, actor_name: 'y' })).not.toBe(base);
    expect(hashChainedRow(GENESIS_HASH, { ...row, chain: 'municipality:1' })).not.toBe(base);
    expect(hashChainedRow(GENESIS_HASH, { ...row, payload_hash: hashPayload({ ...payload, purpose: 'b' }) })).not.toBe(base);
    expect(hashChainedRow(GENESIS_HASH, { ...row, payload_hash: hashPayload({ ...payload, after: { n: 2 } }) })).not.toBe(base);
    expect(hashPayload({ ...payload, salt: '11'.repeat(16) })).not.toBe(row.payload_hash);
    expect(hashChainedRow('1'.repeat(64), row)).not.toBe(base);
    // A keyed hash: without the key (outside the database) nobody can recompute the chain.
    useAuditKey('another key of at least thirty-two characters');
    try {
      expect(hashChainedRow(GENESIS_HASH, row)).not.toBe(base);
    } finally {
      useAuditKey(TEST_AUDIT_KEY);
    }
  });
});

describe('the audit key', () => {
  it('is created on first start beside the data directory, readable by its owner only, and read again after', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trekant-key-'));
    try {
      const config = loadConfig({ TREKANT_DATA_DIR: path.join(dir, 'data') });
      expect(config.auditKeyFile).toBe(path.join(dir, 'data.audit-key'));
      loadAuditKey(config);
      const first = auditKey();
      expect(fs.statSync(config.auditKeyFile).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(config.auditKeyFile, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
      loadAuditKey(config);
      expect(auditKey().equals(first)).toBe(true);
      // TREKANT_AUDIT_KEY wins over the file; a short key is refused.
      loadAuditKey(loadConfig({ TREKANT_DATA_DIR: path.join(dir, 'data'), TREKANT_AUDIT_KEY: TEST_AUDIT_KEY }));
      expect(auditKey().toString()).toBe(TEST_AUDIT_KEY);
      expect(() => loadAuditKey(loadConfig({ TREKANT_AUDIT_KEY: 'too short' }))).toThrow(/at least 32 characters/);
    } finally {
      useAuditKey(TEST_AUDIT_KEY);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('language', () => {
  it('picks English only when the browser prefers it over Danish', () => {
    expect(localeFromAcceptLanguage(undefined)).toBe('da');
    expect(localeFromAcceptLanguage('en-US,en;q=0.9')).toBe('en');
    expect(localeFromAcceptLanguage('da,en;q=0.8')).toBe('da');
    expect(localeFromAcceptLanguage('de-DE,en;q=0.5,da;q=0.9')).toBe('da');
    expect(localeFromAcceptLanguage('fr')).toBe('da');
    expect(localeFromAcceptLanguage(';;;q=abc,,')).toBe('da');
  });

  it('fills parameters into messages', () => {
    expect(translate('da', 'problem.too_many_attempts.detail', { minutes: 12 })).toBe('Vent 12 minutter, og prøv igen.');
  });
});

describe('CSV', () => {
  it('quotes separators and quotes, neutralises formulas, and starts with a BOM for Excel', () => {
    const csv = toCsv([
      ['a', 'b;c'],
      ['"q"', '=SUM(A1)'],
    ]);
    expect(csv).toBe('\uFEFFa;"b;c"\r\n"""q""";\'=SUM(A1)\r\n');
  });
});

describe('second factor', () => {
  it('accepts the current TOTP code (naming its time step) and one step either side, and refuses another', () => {
    const secret = newTotpSecret();
    const now = Date.UTC(2026, 11, 3, 10, 0, 15);
    const step = Math.floor(now / 30_000);
    const code = currentTotpCode(secret, now);
    expect(verifyTotp(secret, code, now)).toBe(step);
    expect(verifyTotp(secret, code, now + 30_000)).toBe(step);
    expect(verifyTotp(secret, code, now + 60_000)).toBeNull();
    expect(verifyTotp(secret, currentTotpCode(secret, now - 30_000), now)).toBe(step - 1);
    expect(verifyTotp(secret, code === '000000' ? '111111' : '000000', now)).toBeNull();
  });

  it('makes recovery codes that are easy to type and differ', () => {
    const codes = new Set(Array.from({ length: 50 }, newRecoveryCode));
    expect(codes.size).toBe(50);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}$/);
  });
});

describe('data directory lock', () => {
  it('refuses a second holder while the first lives, and takes over a stale lock', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trekant-lock-'));
    const release = acquireDataDirLock(dir);
    // Pretend another live process holds it: our parent process is alive.
    fs.writeFileSync(path.join(dir, 'trekant.lock'), String(process.ppid));
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    // A pid that cannot exist is stale.
    fs.writeFileSync(path.join(dir, 'trekant.lock'), '2147483646');
    const again = acquireDataDirLock(dir);
    again();
    release();
    expect(fs.existsSync(path.join(dir, 'trekant.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true });
  });
});

describe('configuration', () => {
  it('has safe defaults and demo users only on the embedded database', () => {
    const embedded = loadConfig({});
    expect(embedded).toMatchObject({ host: '127.0.0.1', port: 3000, demo: true, sessionIdleMinutes: 30, sessionAbsoluteHours: 12, databaseUrl: null });
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', TREKANT_DEMO: '1' }).demo).toBe(true);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
  });

  it('trusts a number of proxy hops or listed proxy addresses, never every hop', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TREKANT_TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TREKANT_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TREKANT_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TREKANT_TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1' }).trustProxy).toEqual(['10.0.0.5', '10.1.0.0/16', '::1']);
    for (const bad of ['true', 'yes', '10.0.0.0/33', '10.0.0.5,', 'proxy.example', '-1']) {
      expect(() => loadConfig({ TREKANT_TRUST_PROXY: bad }), bad).toThrow(/TREKANT_TRUST_PROXY/);
    }
  });
});

describe('password rules', () => {
  const user = { email: 'soren.hansen@ishoj.dk', name: 'Søren Hansen' };
  it('refuses repeats and sequences, common passwords in disguise, and the user\'s own name or e-mail', () => {
    const verdicts = Object.fromEntries(
      ['aaaaaaaaaaaa', 'aaaaaaaaaaa1', '123456789012', '0987654321098', 'abcabcabcabc', 'qwertyuiopåasd', 'P@ssw0rd1234', 'passwordpassword', 'Sommer2026!!', 'Adgangskode123', 'soren.hansen@ishoj.dk', 'SorenHansen2026!', 'Hansen-Soren-1'].map((p) => [p, passwordWeakness(p, user)]),
    );
    expect(verdicts).toEqual({
      aaaaaaaaaaaa: 'field.password.sequence',
      aaaaaaaaaaa1: 'field.password.sequence',
      '123456789012': 'field.password.sequence',
      '0987654321098': 'field.password.sequence',
      abcabcabcabc: 'field.password.sequence',
      qwertyuiopåasd: 'field.password.sequence',
      'P@ssw0rd1234': 'field.password.common',
      passwordpassword: 'field.password.common',
      'Sommer2026!!': 'field.password.common',
      Adgangskode123: 'field.password.common',
      'soren.hansen@ishoj.dk': 'field.password.personal',
      'SorenHansen2026!': 'field.password.personal',
      'Hansen-Soren-1': 'field.password.personal',
    });
  });

  it('accepts passphrases and random strings, also ones that mention a name among other words', () => {
    for (const p of ['korrekt hest batteri hæfteklamme', 'hansen-er-den-bedste-chef', '739184620573', '1234-5678-9012-ab', 'Trekant-demo-2026', 'abcdefgh!93857201938472']) expect(passwordWeakness(p, user), p).toBeNull();
  });

  it('ships its list of common passwords offline, as a small file', () => {
    expect(fs.statSync(new URL('./auth/common-passwords.txt', import.meta.url)).size).toBeLessThan(1024 * 1024);
  });
});

describe('Danish calendar days', () => {
  it('start at midnight Copenhagen time, in winter and in summer', () => {
    expect(startOfDanishDay('2026-12-02').toISOString()).toBe('2026-12-01T23:00:00.000Z');
    expect(startOfDanishDay('2026-07-02').toISOString()).toBe('2026-07-01T22:00:00.000Z');
    expect(startOfDanishDay('2026-12-31', 1).toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });
});
