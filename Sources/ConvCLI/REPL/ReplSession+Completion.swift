import ConvLang

extension ReplSession {
    /// What Tab may offer now: keywords, builtins (also by their PyTorch names) and user functions
    /// with their named parameters, bound names and constants, members of bound values, commands.
    public var completionVocabulary: CompletionVocabulary {
        var functions = interpreter.functionParameters.mapValues(Self.argumentNames)
        var names = Interpreter.builtinConstantNames
        var members: [String: [String]] = [:]
        for (name, value) in interpreter.bindings where name != "_" {
            if case .function(let function) = value {
                functions[name] = function.parameterNames
                continue
            }
            // A binding hides a builtin of the same name, as it does when evaluated.
            functions[name] = nil
            names.append(name)
            let valueMembers = value.memberNames
            if !valueMembers.isEmpty { members[name] = valueMembers }
        }
        return CompletionVocabulary(
            keywords: Interpreter.keywords,
            functions: functions,
            names: names,
            members: members,
            commands: ReplCommand.completionNames,
            fileCommands: ReplCommand.fileCommandNames
        )
    }

    /// File names for `:load`, `:save` and the paths of `load`, `save` and `svg=`: relative to
    /// the folder the session's relative paths start from.
    var fileNameCompletion: FileNameCompletion {
        let base = (settings.configuration.fileAccess as? DirectoryFileAccess)?.base ?? "."
        return FileNameCompletion(base: base, home: settings.environment["HOME"])
    }

    /// The candidates for Tab in `buffer` at `cursor` (a UTF-8 offset); the lines already typed
    /// of an unfinished entry count as context, so `conv(x,` on an earlier line still offers `k=`.
    ///
    /// Named arguments are offered once per parameter: not those already filled by position or
    /// by any of their names, and by their short name only when both spellings would be listed.
    public func complete(_ buffer: String, cursor: Int) -> CompletionReply {
        let typed = String(decoding: Array(buffer.utf8).prefix(cursor), as: UTF8.self)
        let before = pendingBlock.isEmpty ? typed : pendingBlock + "\n" + typed
        var vocabulary = completionVocabulary
        vocabulary.add(Interpreter.entryNames(in: before))
        let reply = completions(in: buffer, cursor: cursor, vocabulary: vocabulary, context: pendingBlock,
                                files: fileNameCompletion)
        guard let call = Interpreter.cursorContext(before: before).innermostCall,
              let parameters = parameters(of: call.callee) else { return reply }
        let hidden = Self.hiddenArgumentNames(parameters: parameters, call: call, offered: reply.candidates)
        // A hidden `x=` may have stood in for the bound name `x`, which stays on offer.
        let kept = reply.candidates.compactMap { candidate -> CompletionCandidate? in
            guard candidate.suffix == "=", hidden.contains(candidate.text) else { return candidate }
            return vocabulary.names.contains(candidate.text) ? CompletionCandidate(candidate.text) : nil
        }
        return (reply.replaceFrom, kept)
    }

    /// The parameters of the function `callee` names now: a user function, else a builtin.
    private func parameters(of callee: String) -> [Interpreter.ParameterSpelling]? {
        if let value = interpreter.value(of: callee) {
            guard case .function(let function) = value else { return nil }
            return function.parameterNames.map { Interpreter.ParameterSpelling(spellings: [$0]) }
        }
        return interpreter.functionParameters[callee]
    }

    /// Argument names not worth offering in `call`: parameters filled by a positional argument
    /// (arguments finished before the cursor that were not named) or by any of their names, and
    /// long spellings whose short one is offered too.
    static func hiddenArgumentNames(
        parameters: [Interpreter.ParameterSpelling],
        call: CursorContext.OpenCall,
        offered: [CompletionCandidate]
    ) -> Set<String> {
        let offeredNames = Set(offered.filter { $0.suffix == "=" }.map(\.text))
        var positionalLeft = max(call.finishedArguments - call.givenNames.count, 0)
        var hidden: Set<String> = []
        for parameter in parameters {
            if parameter.isVariadic { positionalLeft = 0 }
            let filledByPosition = parameter.isPositional && positionalLeft > 0
            if filledByPosition { positionalLeft -= 1 }
            if filledByPosition || parameter.spellings.contains(where: call.givenNames.contains) {
                hidden.formUnion(parameter.spellings)
            } else if let short = parameter.spellings.first, offeredNames.contains(short) {
                hidden.formUnion(parameter.spellings.dropFirst())
            }
        }
        return hidden
    }

    /// The names completion may offer for a builtin's parameters.
    private static func argumentNames(_ parameters: [Interpreter.ParameterSpelling]) -> [String] {
        parameters.flatMap(\.spellings)
    }
}

extension CompletionVocabulary {
    /// Adds what an unfinished entry binds (a `def`'s parameters and locals, `self.` members of a
    /// class being typed), so Tab knows them before the entry has run.
    mutating func add(_ entry: EntryNames) {
        for name in entry.locals where !names.contains(name) && functions[name] == nil {
            names.append(name)
        }
        if !entry.selfMembers.isEmpty {
            let known = members["self"] ?? []
            members["self"] = known + entry.selfMembers.filter { !known.contains($0) }
        }
    }
}
