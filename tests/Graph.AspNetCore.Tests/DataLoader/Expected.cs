namespace Graph.AspNetCore.Tests.DataLoader;

/// <summary>Expected values typed so xunit compares them as sequences of nullable strings.</summary>
public static class Expected
{
    public static IEnumerable<string?> Values(params string?[] values) => values;
}
