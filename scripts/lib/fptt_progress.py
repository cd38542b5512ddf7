"""Turns the FPTT firmware's output (on stdin) into a progress bar on stderr, redrawn from the
`batch <epoch> <i>/<n> loss <x>` lines (at most five times a second on a terminal, every 10 % as a
line of its own otherwise), with the running mean loss of the last 100 batches; every other line
passes through to stdout. Usage: ... | python3 fptt_progress.py EPOCHS
"""

import sys
import time

epochs = int(sys.argv[1])
terminal = sys.stderr.isatty()
window = []
start = time.monotonic()
last_draw = 0.0
last_tenth = -1
drawn = False
for raw in sys.stdin:
    line = raw.rstrip("\n")
    fields = line.split()
    if len(fields) == 5 and fields[0] == "batch" and fields[3] == "loss":
        epoch = int(fields[1])
        done, per_epoch = (int(x) for x in fields[2].split("/"))
        window = (window + [float(fields[4])])[-100:]
        fraction = ((epoch - 1) * per_epoch + done) / (epochs * per_epoch)
        now = time.monotonic()
        finished = fraction >= 1
        if terminal and now - last_draw < 0.2 and not finished:
            continue
        if not terminal and int(fraction * 10) == last_tenth:
            continue
        last_draw, last_tenth = now, int(fraction * 10)
        elapsed = now - start
        left = elapsed / fraction - elapsed if fraction > 0 else 0
        bar = "#" * int(fraction * 30)
        sys.stderr.write(f"{chr(13) if terminal else ''}[{bar:<30}] {100 * fraction:5.1f}%  epoch {epoch}/{epochs}  "
                         f"batch {done}/{per_epoch}  loss {sum(window) / len(window):.3f}  "
                         f"{elapsed:4.0f} s, ~{left:.0f} s left " + ("" if terminal else "\n"))
        sys.stderr.flush()
        drawn = terminal
        continue
    if drawn:
        sys.stderr.write("\n")
        drawn = False
    print(line, flush=True)
if drawn:
    sys.stderr.write("\n")
