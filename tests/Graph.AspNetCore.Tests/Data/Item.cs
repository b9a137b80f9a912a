namespace Graph.AspNetCore.Tests.Data;

/// <summary>The test entity: a key of every supported type, with few distinct values so sort keys tie a lot.</summary>
public sealed class Item
{
    public int Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Group { get; set; } = string.Empty;

    public string? Note { get; set; }

    public decimal Price { get; set; }

    public int Stock { get; set; }

    public int? Rating { get; set; }

    public long Weight { get; set; }

    public DateTime CreatedAt { get; set; }

    public bool Active { get; set; }

    public ItemStatus Status { get; set; }

    public Guid Code { get; set; }
}

/// <summary>Declared so that numeric order (Pending, Active, Archived) differs from alphabetical order.</summary>
public enum ItemStatus
{
    Pending = 0,
    Active = 1,
    Archived = 2,
}
