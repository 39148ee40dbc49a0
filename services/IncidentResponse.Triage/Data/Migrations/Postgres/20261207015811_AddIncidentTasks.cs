using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddIncidentTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "incident_tasks",
                schema: "triage",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    title_vi = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    title_en = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    playbook = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    assignee = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    done_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    added_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_tasks", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_incident_tasks_incident_id_source_number",
                schema: "triage",
                table: "incident_tasks",
                columns: new[] { "incident_id", "source", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incident_tasks",
                schema: "triage");
        }
    }
}
