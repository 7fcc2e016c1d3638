import Testing
@testable import ConvLang

/// Python's `random` module in the language: its unseeded stream, where its refusals point and
/// what conv refuses of it. Its streams after `random.seed(n)` are the golden
/// `Tests/Programs/python/random-module`, CPython's output.
@Suite("Python's random module")
struct RandomModuleTests {
    @Test func unseededItDrawsAsIfSeededWithTheRunsSeed() {
        // CPython: random.seed(0); random.random() is 0.8444218515250481, and with 5, 0.6229016948897019.
        #expect(run("import random\nprint(random.random())", seed: 0).lines == ["0.8444218515250481"])
        #expect(run("import random\nprint(random.random())", seed: 5).lines == ["0.6229016948897019"])
        // random.seed() (None) keeps the stream, so a run repeats.
        #expect(run("import random\nrandom.seed()\nprint(random.random())", seed: 0).lines == ["0.8444218515250481"])
    }

    @Test func itsStreamIsApartFromNumPysAndTorchs() {
        let source = """
        import random, torch
        import numpy as np
        random.seed(1)
        a = random.random()
        random.seed(1)
        _ = np.random.rand(3)
        _ = torch.rand(3)
        print(a == random.random())
        """
        #expect(run(source).lines == ["True"])
    }

    @Test func refusalsPointAtTheirArgument() {
        let cases: [(source: String, column: Int, message: String)] = [
            ("random.randrange(1, 10, 0)", 25, "zero step for randrange()"),
            ("random.choice([])", 15, "Cannot choose from an empty sequence"),
            ("random.sample([1, 2], 3)", 23, "Sample larger than population or is negative"),
            ("random.randint(1.5, 3)", 16, "non-integer arg 1 for randrange()"),
            ("random.seed('abc')", 13, "conv's random.seed takes an int or None, not str"),
            ("random.getrandbits(65)", 20, "conv's random.getrandbits makes at most 64 bits, not 65"),
            ("random.shuffle(torch.ones(3))", 16, "conv's random.shuffle shuffles a list, not Tensor"),
        ]
        for item in cases {
            let outcome = run("import random, torch\n" + item.source)
            #expect(outcome.errors == [item.message], "\(item.source)")
            #expect(outcome.diagnostics.first?.location.column == item.column, "\(item.source)")
        }
    }

    @Test func fromRandomImportBindsItsFunctions() {
        #expect(run("from random import *\nseed(0)\nprint(randint(1, 6), type(random()).__name__)").lines == ["4 float"])
        #expect(run("from random import choice as pick\nprint(pick([7]))").lines == ["7"])
    }

    @Test func choiceAndSampleReadTensorsAndRangesWithoutListingThem() {
        #expect(run("import random, torch\nprint(random.choice(torch.tensor([5])).item())").lines == ["5"])
        #expect(run("import random\nprint(len(random.sample(range(10**18), 4)))").lines == ["4"])
    }
}
