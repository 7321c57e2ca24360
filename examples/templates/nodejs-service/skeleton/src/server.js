import http from 'node:http';

// ${{ values.name }}: answers /health, owned by ${{ values.owner }}.
const port = Number(process.env.PORT ?? ${{ values.port }});

export const server = http.createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', service: '${{ values.name }}' }));
    return;
  }
  res.writeHead(404).end();
});

if (process.argv[1] === new URL(import.meta.url).pathname) server.listen(port, () => console.log(`${{ values.name }} on :${port}`));
