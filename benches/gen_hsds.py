#!/usr/bin/env python3
"""Deterministic HSDS 3.0 service list for the publisher scale bench.

usage: gen_hsds.py N > services.json

N services, each a name, a 5-12 word description, 1-2 phones, 1-2
languages and status active: about 255 bytes of JSON a service, so 1 000 000 services stay
under import-hsds's 256 MiB per-file cap. A fixed-seed xorshift makes the file
byte-identical on every run.
"""
import json
import sys

WORDS = ("safe shelter crisis support family violence legal aid housing youth health "
         "counseling advocacy hotline emergency children women men elder rural county "
         "community center services program network coalition alliance justice hope "
         "bridge harbor haven path new way home light").split()
DESC = ("we offer confidential free help for survivors and their children including "
        "safety planning emergency shelter legal advocacy counseling support groups "
        "transportation and referrals available day and night in english and spanish "
        "call or text to talk with a trained advocate no one will judge you").split()
LANGS = [("en", "English"), ("es", "Spanish"), ("vi", "Vietnamese"), ("zh", "Chinese"),
         ("ko", "Korean"), ("ar", "Arabic"), ("fr", "French"), ("ru", "Russian")]


class Rng:
    def __init__(self, seed):
        self.s = seed

    def next(self):
        x = self.s
        x ^= (x << 13) & 0xFFFFFFFFFFFFFFFF
        x ^= x >> 7
        x ^= (x << 17) & 0xFFFFFFFFFFFFFFFF
        self.s = x
        return x

    def below(self, n):
        return self.next() % n

    def words(self, src, lo, hi):
        return " ".join(src[self.below(len(src))] for _ in range(lo + self.below(hi - lo + 1)))


def service(rng, i):
    phones = [{"number": f"{200 + rng.below(700):03}-{rng.below(1000):03}-"
               f"{rng.below(10000):04}"} for _ in range(1 + rng.below(2))]
    langs = [LANGS[rng.below(len(LANGS))] for _ in range(1 + rng.below(2))]
    return {
        "id": f"svc-{i:07}",
        "name": rng.words(WORDS, 2, 5).title(),
        "description": rng.words(DESC, 5, 12),
        "status": "active",
        "phones": phones,
        "languages": [{"code": c, "name": n} for c, n in langs],
    }


def main():
    n = int(sys.argv[1])
    rng = Rng(0x9E3779B97F4A7C15)
    out = sys.stdout
    out.write('{"contents":[\n')
    for i in range(n):
        if i:
            out.write(",\n")
        out.write(json.dumps(service(rng, i), separators=(",", ":")))
    out.write("\n]}\n")


if __name__ == "__main__":
    main()
