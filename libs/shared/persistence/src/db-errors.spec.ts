import { classifyDbError, isDuplicateKey, withLockRetries } from './db-errors';

const driverError = (code: string, message = code) => Object.assign(new Error(message), { driverError: { code } });

describe('classifyDbError', () => {
  it.each([
    [driverError('ER_DUP_ENTRY', "Duplicate entry 'x' for key 'PRIMARY'"), 'DUPLICATE_KEY'],
    [Object.assign(new Error('UNIQUE constraint failed: inbox_message.event_id'), { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' }), 'DUPLICATE_KEY'],
    [driverError('ER_LOCK_DEADLOCK'), 'LOCK_CONFLICT'],
    [driverError('ER_LOCK_WAIT_TIMEOUT'), 'LOCK_CONFLICT'],
    [Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }), 'LOCK_CONFLICT'],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' }), 'CONNECTION_LOST'],
    [new Error('Connection lost: The server closed the connection.'), 'CONNECTION_LOST'],
    // A connection closed under a statement during or after an outage: the event is not at fault.
    [Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -104 }), 'CONNECTION_LOST'],
    [driverError('PROTOCOL_CONNECTION_LOST', 'Connection lost: The server closed the connection.'), 'CONNECTION_LOST'],
    [driverError('ER_SERVER_SHUTDOWN', 'Server shutdown in progress'), 'CONNECTION_LOST'],
    [driverError('ER_CONNECTION_KILLED', 'Connection was killed'), 'CONNECTION_LOST'],
    [driverError('PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR'), 'CONNECTION_LOST'],
    [new Error("Can't add new command when connection is in closed state"), 'CONNECTION_LOST'],
    [Object.assign(new Error('MySQL server has gone away'), { errno: 2006 }), 'CONNECTION_LOST'],
    [Object.assign(new Error('unusable'), { driverError: { code: 'SOMETHING_NEW', fatal: true } }), 'CONNECTION_LOST'],
    [Object.assign(new Error('Got a packet bigger than max_allowed_packet'), { errno: 1153, code: 'ER_NET_PACKET_TOO_LARGE' }), 'OTHER'],
    [Object.assign(new Error('FOREIGN KEY constraint failed'), { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' }), 'OTHER'],
    [new Error('NAME_TAKEN'), 'OTHER'],
    [undefined, 'OTHER'],
  ])('%s → %s', (err, kind) => {
    expect(classifyDbError(err)).toBe(kind);
  });

  it('names a duplicate key through the shortcut', () => {
    expect(isDuplicateKey(driverError('ER_DUP_ENTRY'))).toBe(true);
    expect(isDuplicateKey(driverError('ER_LOCK_DEADLOCK'))).toBe(false);
  });
});

describe('withLockRetries', () => {
  it('runs the whole unit again after a deadlock and gives up after the last attempt', async () => {
    let calls = 0;
    const deadlock = driverError('ER_LOCK_DEADLOCK');
    await expect(withLockRetries(async () => (++calls < 3 ? Promise.reject(deadlock) : 'ok'))).resolves.toBe('ok');
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      withLockRetries(async () => {
        calls++;
        throw deadlock;
      }, 2),
    ).rejects.toBe(deadlock);
    expect(calls).toBe(2);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    await expect(
      withLockRetries(async () => {
        calls++;
        throw new Error('NAME_TAKEN');
      }),
    ).rejects.toThrow('NAME_TAKEN');
    expect(calls).toBe(1);
  });
});
