// A small line chart of the last minute of reads and writes per second, drawn as SVG.
const NS = 'http://www.w3.org/2000/svg';
const WIDTH = 600, HEIGHT = 140, POINTS = 60;

export function rateChart() {
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('class', 'chart');
  const series = { reads: [], writes: [] };
  const lines = {};
  for (const name of Object.keys(series)) {
    const line = document.createElementNS(NS, 'polyline');
    line.setAttribute('class', name);
    svg.append(line);
    lines[name] = line;
  }
  const scale = document.createElementNS(NS, 'text');
  scale.setAttribute('x', 4);
  scale.setAttribute('y', 12);
  svg.append(scale);
  return {
    svg,
    add(reads, writes) {
      series.reads.push(reads);
      series.writes.push(writes);
      for (const s of Object.values(series)) if (s.length > POINTS) s.shift();
      const max = Math.max(1, ...series.reads, ...series.writes);
      for (const [name, values] of Object.entries(series)) {
        const step = WIDTH / (POINTS - 1);
        const offset = POINTS - values.length;
        lines[name].setAttribute('points', values.map((v, i) =>
          `${((offset + i) * step).toFixed(1)},${(HEIGHT - 4 - (v / max) * (HEIGHT - 20)).toFixed(1)}`).join(' '));
      }
      scale.textContent = `max ${Math.round(max)}/s`;
    },
  };
}
