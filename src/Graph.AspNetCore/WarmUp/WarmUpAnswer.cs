namespace Graph.AspNetCore.WarmUp;

/// <summary>What a warm-up request was answered with: status code and body.</summary>
internal readonly record struct WarmUpAnswer(int StatusCode, byte[] Body);
