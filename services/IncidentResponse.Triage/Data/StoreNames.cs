using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace IncidentResponse.Triage.Data;

/// <summary>
/// Quoted names of a mapped table and of its columns, read from the model, for the few statements written
/// by hand (the year's counter upsert, the incident lock): only identifiers from the model go into their
/// text, never values. SQLite has no schemas, so there the table name stands alone.
/// </summary>
internal static class StoreNames
{
    public static string Table<TEntity>(DbContext db)
    {
        var (_, store) = Mapping<TEntity>(db);
        return store.Schema is null ? $"\"{store.Name}\"" : $"\"{store.Schema}\".\"{store.Name}\"";
    }

    public static string Column<TEntity>(DbContext db, string property)
    {
        var (entity, store) = Mapping<TEntity>(db);
        return $"\"{entity.FindProperty(property)!.GetColumnName(store)}\"";
    }

    private static (IEntityType Entity, StoreObjectIdentifier Store) Mapping<TEntity>(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(TEntity))!;
        var schema = db.Database.IsSqlite() ? null : entity.GetSchema();
        return (entity, StoreObjectIdentifier.Table(entity.GetTableName()!, schema));
    }
}
