import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has safe defaults for a fresh machine', () => {
    const config = loadConfig({ INIT_CWD: '/srv/koers' });
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe(path.resolve('/srv/koers/data'));
    expect(config.demo).toBe(true);
    expect(config.syncMaxMessageBytes).toBe(2 * 1024 * 1024);
    expect(config.syncMaxBufferedBytes).toBe(4 * 1024 * 1024);
  });

  it('resolves a relative DATA_DIR from where pnpm was started, an absolute one as given', () => {
    expect(loadConfig({ INIT_CWD: '/srv/koers', DATA_DIR: 'opslag' }).dataDir).toBe('/srv/koers/opslag');
    expect(loadConfig({ INIT_CWD: '/srv/koers', DATA_DIR: '/var/lib/koers' }).dataDir).toBe('/var/lib/koers');
  });

  it('names the variable at fault', () => {
    expect(() => loadConfig({ PORT: 'drieduizend' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'drieduizend' })).toThrow(/PORT/);
    expect(() => loadConfig({ SYNC_MAX_MESSAGE_BYTES: '10' })).toThrow(/SYNC_MAX_MESSAGE_BYTES/);
    expect(() => loadConfig({ SYNC_MAX_BUFFERED_BYTES: '1000' })).toThrow(/SYNC_MAX_BUFFERED_BYTES/);
    expect(() => loadConfig({ DEMO: 'misschien' })).toThrow(/DEMO/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
