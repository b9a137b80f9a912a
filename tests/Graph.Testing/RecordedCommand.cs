using Xunit;

namespace Graph.Testing;

/// <summary>One SQL command as it was executed: its text and its parameter values (names without <c>@</c>).</summary>
public sealed record RecordedCommand(string Sql, IReadOnlyDictionary<string, object?> Parameters)
{
    /// <summary>The value of the parameter after <c>LIMIT</c>.</summary>
    public object? Limit
    {
        get
        {
            var at = Sql.IndexOf("LIMIT @", StringComparison.Ordinal);
            Assert.True(at >= 0, $"no LIMIT in {Sql}");
            var name = new string([.. Sql[(at + 7)..].TakeWhile(c => char.IsLetterOrDigit(c) || c == '_')]);
            return Parameters[name];
        }
    }
}
