import getShapefile from 'shpjs';
import { readFileSync } from 'node:fs';
const t = setTimeout(() => { console.log('HUNG'); process.exit(1); }, 3000);
try { await getShapefile(readFileSync('/tmp/b12/t.zip')); console.log('ok'); } catch (e) { console.log('err', e.message); }
clearTimeout(t);
