#!/usr/bin/env python3
# scripts/englishcpu.py PORT PID REPS LABEL — the server CPU an English query costs a running tolk without a
# result cache (serve --search-cache 0): the first 200 distinct English treaty headings of
# ../shared/data/bwb-treaties-nl-en (the benchmark's English mix), sent once to warm up and then REPS times
# each, one at a time, to http://127.0.0.1:PORT/api/v1/search?lang=en; the CPU time of process PID
# (utime + stime from /proc/PID/stat) over those requests, divided by their number (docs/PERFORMANCE.md,
# "Session 23").
import gzip, os, sys, time, urllib.parse, urllib.request

HEADINGS = os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'data', 'bwb-treaties-nl-en',
                        'treaty-article-headings-nl-en.tsv.gz')


def cpu(pid):
    f = open(f'/proc/{pid}/stat').read().split(')')[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf('SC_CLK_TCK')


def main():
    port, pid, reps, label = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    qs = []
    with gzip.open(HEADINGS, 'rt') as f:
        for i, line in enumerate(f):
            en = line.split('\t')[0].strip()
            if i > 0 and en and en not in qs:
                qs.append(en)
            if len(qs) >= 200:
                break

    def ask(q):
        urllib.request.urlopen(f'http://127.0.0.1:{port}/api/v1/search?lang=en&q=' + urllib.parse.quote(q)).read()

    for q in qs:
        ask(q)
    c0, t0 = cpu(pid), time.time()
    for _ in range(reps):
        for q in qs:
            ask(q)
    n = len(qs) * reps
    print(f'{label}: {n} queries, server CPU {1000 * (cpu(pid) - c0) / n:.2f} ms/query, wall {time.time() - t0:.1f} s')


main()
