import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProcessor, ibanValid, luhnValid } from '../../src/processors/index.js';
import type { RedactProcessorConfig } from '../../src/config/types.js';
import { int, kv, kvlist, str, type AnyValue } from '../../src/otlp/types.js';
import { NOOP_LOGGER } from '../../src/telemetry/logger.js';
import { MetricsRegistry } from '../../src/telemetry/metrics.js';
import { attrs, logs, plain, record, records, seriesValue } from './data.js';

function redactor(cfg: Partial<RedactProcessorConfig>) {
  const metrics = new MetricsRegistry();
  const p = createProcessor(
    { type: 'redact', id: 'redact/t', patterns: [], named: [], replacement: '****', allowKeys: [], summary: false, ...cfg },
    { logger: NOOP_LOGGER, metrics },
  );
  const mask = (s: string): string => {
    const data = logs([record(s)]);
    p.process(data);
    const b = records(data)[0]!.body;
    return b.type === 'string' ? b.value : '';
  };
  const count = (pattern: string): number | undefined => seriesValue(metrics.render(), 'sealog_processor_redactions_total', { processor: 'redact/t', pattern });
  return { p, mask, count };
}

describe('redact named patterns', () => {
  it('credit_card masks Luhn-valid 13-19 digit numbers with optional spaces or dashes', () => {
    const { mask, count } = redactor({ named: ['credit_card'] });
    expect(mask('card 4111 1111 1111 1111 ok')).toBe('card **** ok');
    expect(mask('card 4111-1111-1111-1111.')).toBe('card ****.');
    expect(mask('amex 378282246310005')).toBe('amex ****');
    expect(mask('19 digits 6011000990139424000x')).toBe('19 digits 6011000990139424000x');
    expect(mask('not luhn 4111 1111 1111 1112')).toBe('not luhn 4111 1111 1111 1112');
    expect(mask('too short 4111111')).toBe('too short 4111111');
    expect(mask('order id 123456789012345678901234 is long')).toBe('order id 123456789012345678901234 is long');
    expect(count('credit_card')).toBe(3);
  });

  it('email', () => {
    const { mask } = redactor({ named: ['email'] });
    expect(mask('from alice.smith+tag@mail.example.co.uk to bob@ex.io')).toBe('from **** to ****');
    expect(mask('not an address: user@localhost, @handle, a@b')).toBe('not an address: user@localhost, @handle, a@b');
  });

  it('bearer_token keeps the scheme word and needs a token of 8+ characters', () => {
    const { mask } = redactor({ named: ['bearer_token'] });
    expect(mask('Authorization: Bearer eyJhbGciOi.J9.abc-_== next')).toBe('Authorization: Bearer **** next');
    expect(mask('bearer abc123def')).toBe('bearer ****');
    expect(mask('the bearer of bad news')).toBe('the bearer of bad news');
  });

  it('ipv4 masks addresses but not version strings or out-of-range octets', () => {
    const { mask } = redactor({ named: ['ipv4'] });
    expect(mask('client 192.168.1.100:8080 and 10.0.0.1.')).toBe('client ****:8080 and ****.');
    expect(mask('version 1.2.3.4.5 and 300.1.1.1')).toBe('version 1.2.3.4.5 and 300.1.1.1');
  });

  it('us_ssn skips invalid area, group and serial numbers', () => {
    const { mask } = redactor({ named: ['us_ssn'] });
    expect(mask('ssn 123-45-6789')).toBe('ssn ****');
    expect(mask('000-12-3456 666-12-3456 900-12-3456 123-00-4567 123-45-0000')).toBe('000-12-3456 666-12-3456 900-12-3456 123-00-4567 123-45-0000');
  });

  it('iban masks check-digit-valid IBANs, with or without spaces', () => {
    const { mask } = redactor({ named: ['iban'] });
    expect(mask('pay to DE89370400440532013000 now')).toBe('pay to **** now');
    expect(mask('pay to GB29 NWBK 6016 1331 9268 19 now')).toBe('pay to **** now');
    expect(mask('bad check DE88370400440532013000')).toBe('bad check DE88370400440532013000');
  });

  it('checksums', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(ibanValid('GB29NWBK60161331926819')).toBe(true);
    expect(ibanValid('GB28NWBK60161331926819')).toBe(false);
  });

  it('never leaves a Luhn-valid card number in the output (property)', () => {
    const { mask } = redactor({ named: ['credit_card'] });
    const card = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 18 }).map((digits) => {
      // append the Luhn check digit
      let sum = 0;
      for (let i = 0; i < digits.length; i++) {
        const d = digits[digits.length - 1 - i]!;
        sum += i % 2 === 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
      }
      return [...digits, (10 - (sum % 10)) % 10].join('');
    });
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }).map((s) => s.replace(/[0-9\w-]/g, ' ')), card, fc.string({ maxLength: 20 }).map((s) => s.replace(/[0-9\w-]/g, ' ')), (pre, c, post) => {
        const out = mask(`${pre} ${c} ${post}`);
        expect(out).not.toContain(c);
        expect(out).toContain('****');
      }),
    );
  });
});

describe('redact processor', () => {
  it('masks custom patterns and counts them per pattern', () => {
    const { mask, count } = redactor({ patterns: ['password=\\S+', 'token:\\w+'], replacement: '[REDACTED]' });
    expect(mask('login password=hunter2 token:abc token:def')).toBe('login [REDACTED] [REDACTED] [REDACTED]');
    expect(count('patterns[0]')).toBe(1);
    expect(count('patterns[1]')).toBe(2);
  });

  it('uses the replacement literally ($ signs are not group references)', () => {
    const { mask } = redactor({ patterns: ['(secret)'], replacement: '$1$&' });
    expect(mask('a secret')).toBe('a $1$&');
  });

  it('masks nested strings in kvlist and array bodies and in attributes, copy-on-write', () => {
    const { p } = redactor({ named: ['email'] });
    const nested: AnyValue = { type: 'array', value: [str('ok'), str('mail a@b.io')] };
    const body = kvlist([kv('user', str('x@y.org')), kv('list', nested), kv('n', int(3))]);
    const rec = record(body, [kv('to', str('c@d.net')), kv('deep', kvlist([kv('cc', str('e@f.com'))])), kv('plain', str('nothing'))]);
    const plainAttr = rec.attributes[2]!;
    p.process(logs([rec]));
    expect(plain(rec.body)).toEqual({ user: '****', list: ['ok', 'mail ****'], n: 3n });
    expect(attrs(rec.attributes)).toEqual({ to: '****', deep: { cc: '****' }, plain: 'nothing' });
    // the input array the record was built from is unchanged
    expect(plain(nested)).toEqual(['ok', 'mail a@b.io']);
    // untouched values are the same objects
    expect(rec.attributes[2]).toBe(plainAttr);
  });

  it('leaves a record with nothing to mask untouched', () => {
    const { p } = redactor({ named: ['email', 'credit_card'] });
    const rec = record('plain text', [kv('a', str('b'))]);
    const body = rec.body;
    const attrsBefore = rec.attributes.slice();
    p.process(logs([rec]));
    expect(rec.body).toBe(body);
    expect(rec.attributes).toEqual(attrsBefore);
    expect(rec.attributes[0]).toBe(attrsBefore[0]);
  });

  it('skips allow_keys and every sealog.* attribute', () => {
    const { p } = redactor({ named: ['email'], allowKeys: ['reply_to'] });
    const rec = record('x', [kv('reply_to', str('a@b.io')), kv('sealog.note', str('a@b.io')), kv('other', str('a@b.io'))]);
    p.process(logs([rec]));
    expect(attrs(rec.attributes)).toEqual({ reply_to: 'a@b.io', 'sealog.note': 'a@b.io', other: '****' });
  });

  it('summary adds redaction.count to records that had masks', () => {
    const { p } = redactor({ named: ['email'], summary: true });
    const a = record('a@b.io and c@d.io', [kv('x', str('e@f.io'))]);
    const b = record('nothing');
    p.process(logs([a, b]));
    expect(attrs(a.attributes)).toMatchObject({ 'redaction.count': 3n });
    expect(attrs(b.attributes)).toEqual({});
  });
});
