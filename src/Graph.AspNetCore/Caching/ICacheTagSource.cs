namespace Graph.AspNetCore.Caching;

/// <summary>Something that reads data and records its tags in the request's <see cref="CacheTagRecorder"/> (a data loader).</summary>
internal interface ICacheTagSource
{
    /// <summary>Where to record; null outside a request's <see cref="DataLoader.DataLoaderContext"/>.</summary>
    CacheTagRecorder? Recorder { get; set; }
}
