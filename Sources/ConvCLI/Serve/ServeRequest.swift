import ConvLang
import FoundationEssentials

/// One request of `conv --serve`: a line of JSON such as
/// `{"id": 1, "type": "execute", "code": "conv([2, 3, 4], [0.5, -1])"}` (docs/serve.md).
struct ServeRequest: Decodable {
    /// What is asked.
    enum Kind: String, Decodable {
        case execute, complete, inspect, isComplete = "is_complete", interrupt, reset, shutdown
    }

    /// The id the replies echo: a number or a string, kept as the JSON it was written as.
    var id: RequestID?
    /// What is asked, as written (an unknown type gets an error reply that names it).
    var type: String
    /// The code for `execute`, `complete`, `inspect` and `is_complete`.
    var code: String?
    /// For `complete` and `inspect`: a position in `code`, counted in Unicode code points
    /// (as Python indexes a string); the end of the code when absent.
    var cursor: Int?

    /// The request's kind, or nil when `type` names none.
    var kind: Kind? { Kind(rawValue: type) }

    /// The id as JSON, `null` when the request had none.
    var idJSON: String { id?.json ?? "null" }

    /// Decodes one line; the reason in words when it is not a request.
    static func decode(_ line: String) -> Result<ServeRequest, ServeRequestError> {
        do {
            return .success(try JSONDecoder().decode(ServeRequest.self, from: Data(line.utf8)))
        } catch DecodingError.keyNotFound(let key, _) {
            return .failure(ServeRequestError(message: "the request has no \"\(key.stringValue)\"", id: partialID(line)))
        } catch DecodingError.typeMismatch(_, let context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return .failure(ServeRequestError(message: "the request's \"\(field)\" has the wrong type", id: partialID(line)))
        } catch {
            return .failure(ServeRequestError(message: "the line is not a JSON request object", id: nil))
        }
    }

    /// The id of a line that failed as a request but is a JSON object with an id, so the error
    /// reply still reaches its sender.
    private static func partialID(_ line: String) -> String? {
        struct OnlyID: Decodable { var id: RequestID? }
        return (try? JSONDecoder().decode(OnlyID.self, from: Data(line.utf8)))?.id?.json
    }
}

/// A request id: any JSON number or string.
struct RequestID: Decodable {
    /// The id written back as JSON.
    let json: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            json = String(number)
        } else if let number = try? container.decode(Double.self) {
            json = JSONEncoding.number(number)
        } else {
            json = JSONEncoding.string(try container.decode(String.self))
        }
    }
}

/// Why a line is not a request.
struct ServeRequestError: Error {
    var message: String
    /// The id, as JSON, when the line had a readable one.
    var id: String?
}
