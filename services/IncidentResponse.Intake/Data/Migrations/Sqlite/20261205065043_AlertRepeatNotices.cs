using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Intake.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AlertRepeatNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "repeat_announced_at",
                table: "external_alerts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "triggers_announced",
                table: "external_alerts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Until now every trigger was announced.
            migrationBuilder.Sql("UPDATE external_alerts SET triggers_announced = triggers;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "repeat_announced_at",
                table: "external_alerts");

            migrationBuilder.DropColumn(
                name: "triggers_announced",
                table: "external_alerts");
        }
    }
}
