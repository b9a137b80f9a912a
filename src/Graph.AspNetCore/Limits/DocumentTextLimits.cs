using Graph.AspNetCore.Execution;
using GraphQLParser;

namespace Graph.AspNetCore.Limits;

/// <summary>
/// The limits checked on a document's text before it is parsed: its length, and its number of
/// lexical tokens. Counting stops at the budget, so a document of any size is refused after at
/// most <see cref="GraphQLLimitsOptions.MaxTokens"/> tokens' work, long before a parse would finish.
/// </summary>
public static class DocumentTextLimits
{
    /// <summary>The first limit <paramref name="query"/> breaks, or null. A lexical error is left to the parser to report.</summary>
    public static LimitError? Check(string query, GraphQLLimitsOptions limits)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(limits);
        if (limits.MaxDocumentLength > 0 && query.Length > limits.MaxDocumentLength)
        {
            return new LimitError(ErrorCodes.DocumentTooLong, $"The document is longer than {limits.MaxDocumentLength} characters.");
        }

        if (limits.MaxTokens > 0 && query.Length > limits.MaxTokens && CountsMoreTokensThan(query, limits.MaxTokens))
        {
            return new LimitError(ErrorCodes.DocumentTooManyTokens, $"The document has more than {limits.MaxTokens} tokens.");
        }

        return null;
    }

    // A token takes at least one character, so a text no longer than the budget cannot exceed it.
    private static bool CountsMoreTokensThan(string query, int budget)
    {
        ROM source = query;
        var position = 0;
        var count = 0;
        while (true)
        {
            Token token;
            try
            {
                token = Lexer.Lex(source, position);
            }
            catch (GraphQLParser.Exceptions.GraphQLSyntaxErrorException)
            {
                return false; // the parser reports it, with its location
            }

            if (token.Kind == TokenKind.EOF)
            {
                return false;
            }

            if (token.Kind != TokenKind.COMMENT && ++count > budget)
            {
                return true;
            }

            position = token.End;
        }
    }
}
