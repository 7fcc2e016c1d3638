import ConvLang
import Testing

@Suite("Names an unfinished entry binds")
struct EntryNamesTests {
    @Test func parametersAssignmentsLoopTargetsAndAsNames() {
        let names = Interpreter.entryNames(in: """
            def smooth(x, n=3, *rest, scale: float = 1.0, **options):
                total, count = 0.0, len(x)
                for i, (a, b) in enumerate(pairs):
                    total += a
                with torch.no_grad() as guard:
                    result = f(width=2)
            """)
        #expect(names.locals == ["smooth", "x", "n", "rest", "scale", "options", "total", "count", "i", "a", "b",
                                 "guard", "result"])
        #expect(names.selfMembers.isEmpty)
    }

    @Test func namesOnlyReadOrPassedByKeywordAreNotLocals() {
        let names = Interpreter.entryNames(in: "def f(x):\n    return g(y=x, z=w) + v.attribute\n")
        #expect(names.locals == ["f", "x"])
    }

    @Test func selfAttributesAndMethodsOfAClassBeingTyped() {
        let names = Interpreter.entryNames(in: """
            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.conv1 = nn.Conv1d(1, 4, 3)
                    self.steps += 1
                    self.conv1.weight = w
                def forward(self, x):
                    return self.conv1(
            """)
        #expect(names.selfMembers == ["conv1", "steps", "forward"])
        #expect(names.locals == ["Net", "__init__", "self", "forward", "x"])
    }

    @Test func anEntryCutAnywhereStillScans() {
        for text in ["def", "def f(", "class", "for", "for x", "self.", "a,", "(", "x = [1,"] {
            _ = Interpreter.entryNames(in: text)
        }
        #expect(Interpreter.entryNames(in: "def f(a, b").locals == ["f", "a", "b"])
    }
}
