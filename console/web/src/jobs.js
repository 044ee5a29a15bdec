// A toolkit job's live view: its state, output lines (progress: rows, rate, ETA; then the
// result) polled every second until it ends, and the archive's download link for a dump.
import { jobState } from './api.js';
import { h, fill, notice } from './dom.js';

/** Shows the job in `box` until it ends, then calls `ended`; returns a function that stops polling. */
export function followJob(box, state, ended = () => {}) {
  const render = (s) => fill(box,
    h('p', { class: `job-state ${s.state}` }, `${s.kind}: ${s.state}${s.exitCode != null ? ` (exit ${s.exitCode})` : ''}`),
    h('pre', { class: 'job-output' }, s.output.join('\n') || '…'),
    s.download ? h('a', { href: `/api/jobs/${s.id}/download`, download: true, class: 'download' }, 'Download the archive') : null);
  render(state);
  const timer = setInterval(async () => {
    try {
      const s = await jobState(state.id);
      render(s);
      if (s.state !== 'running') { clearInterval(timer); ended(s); }
    } catch (e) { clearInterval(timer); box.append(notice(e.message, true)); }
  }, 1000);
  return () => clearInterval(timer);
}
