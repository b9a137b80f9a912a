namespace Graph.AspNetCore.Data;

/// <summary>Checked paging arguments: which way the page is read and how many items it holds.</summary>
internal readonly record struct PageRequest(bool Backward, int Size);
