/**
 * The simulator delivers notifications as SQS / EventBridge do: a delivery the app did not accept is sent again, so a
 * busy or briefly failing intake loses nothing — and a 4xx refusal is final, so a bad document is not hammered.
 */
import http from 'node:http';
import { NotificationSender } from '../../../../local/sim/amazon/notification-sender';

async function intake(statuses: number[]): Promise<{ url: string; hits: () => number; close: () => void }> {
  let hits = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const status = statuses[Math.min(hits, statuses.length - 1)]!;
      hits += 1;
      if (status === 0) { req.socket.destroy(); return; }
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/api/amazon/notifications`, hits: () => hits, close: () => server.close() };
}

describe('simulated notification delivery', () => {
  it('sends a notification again after 503, 429 and a dropped connection until the app accepts it', async () => {
    const app = await intake([503, 429, 0, 202]);
    const sender = new NotificationSender({ notifyUrl: app.url, retryDelayMs: 1 });
    try {
      sender.send({ NotificationType: 'ORDER_CHANGE' });
      await sender.flush();
      expect(app.hits()).toBe(4);
      expect({ sent: sender.sent, failed: sender.failed, redelivered: sender.redelivered }).toEqual({ sent: 1, failed: 0, redelivered: 3 });
    } finally {
      app.close();
    }
  });

  it('does not resend a notification the app refused as invalid (400)', async () => {
    const app = await intake([400]);
    const sender = new NotificationSender({ notifyUrl: app.url, retryDelayMs: 1 });
    try {
      sender.send({ NotificationType: 'ORDER_CHANGE' });
      await sender.flush();
      expect(app.hits()).toBe(1);
      expect(sender.failed).toBe(1);
    } finally {
      app.close();
    }
  });

  it('gives up after the attempt limit and counts the notification as failed', async () => {
    const app = await intake([500]);
    const sender = new NotificationSender({ notifyUrl: app.url, retryDelayMs: 1, maxAttempts: 3 });
    try {
      sender.send({ NotificationType: 'ORDER_CHANGE' });
      await sender.flush();
      expect(app.hits()).toBe(3);
      expect({ sent: sender.sent, failed: sender.failed }).toEqual({ sent: 0, failed: 1 });
    } finally {
      app.close();
    }
  });

  it('gives up a delivery waiting in backoff when the simulator closes, without posting again', async () => {
    const app = await intake([503]);
    const sender = new NotificationSender({ notifyUrl: app.url, retryDelayMs: 60_000 });
    try {
      sender.send({ NotificationType: 'ORDER_CHANGE' });
      while (sender.redelivered === 0) await new Promise((resolve) => setImmediate(resolve));
      sender.stopRetrying();
      await sender.flush();
      expect(app.hits()).toBe(1);
      expect(sender.failed).toBe(1);
    } finally {
      app.close();
    }
  });
});
