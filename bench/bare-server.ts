// The reference for start-up and polling benchmarks: a bare Fastify hello-world, started the same way.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
app.get('/hello', async () => ({ hello: 'world' }));
void app.listen({ port: Number(process.env['PORT'] ?? 0), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
