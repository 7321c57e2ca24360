import http from 'node:http';

// ${{ values.name }}, owned by ${{ values.owner }}.
http
  .createServer((req, res) => res.writeHead(req.url === '/health' ? 200 : 404).end())
  .listen(Number(process.env.PORT ?? 8080));
