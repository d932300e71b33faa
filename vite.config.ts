import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The web app: built from src/web into dist/web, which `longhaul serve` serves. */
export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:4100' },
  },
});
