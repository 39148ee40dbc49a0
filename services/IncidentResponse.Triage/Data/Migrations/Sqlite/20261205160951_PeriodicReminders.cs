using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Triage.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PeriodicReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "periodic_reminders",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    stage = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    stage_at = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    sent = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_periodic_reminders", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_periodic_reminders_kind_year",
                table: "periodic_reminders",
                columns: new[] { "kind", "year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "periodic_reminders");
        }
    }
}
