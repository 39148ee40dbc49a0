using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RegisterSearchRow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "incident_search",
                schema: "triage",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    terms = table.Column<string>(type: "text", nullable: false),
                    terms_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true, computedColumnSql: "array_to_tsvector(array_remove(string_to_array(terms, ' '), ''))", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_search", x => x.incident_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_incident_search_terms_vector",
                schema: "triage",
                table: "incident_search",
                column: "terms_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            // The terms of each incident move into its one row (terms are folded words without spaces).
            migrationBuilder.Sql("INSERT INTO triage.incident_search (incident_id, terms) SELECT incident_id, ' ' || string_agg(term, ' ') || ' ' FROM triage.incident_search_terms GROUP BY incident_id;");

            migrationBuilder.DropTable(
                name: "incident_search_terms",
                schema: "triage");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incident_search",
                schema: "triage");

            migrationBuilder.CreateTable(
                name: "incident_search_terms",
                schema: "triage",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    term = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_search_terms", x => new { x.incident_id, x.term });
                });

            migrationBuilder.CreateIndex(
                name: "ix_incident_search_terms_term",
                schema: "triage",
                table: "incident_search_terms",
                column: "term")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });
        }
    }
}
