using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Escalation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PolicySwitch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "serious",
                table: "incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "severity_level",
                table: "incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "policy_switched_at",
                table: "chains",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "previous_policy_id",
                table: "chains",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "rounds_before",
                table: "chains",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "serious",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "severity_level",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "policy_switched_at",
                table: "chains");

            migrationBuilder.DropColumn(
                name: "previous_policy_id",
                table: "chains");

            migrationBuilder.DropColumn(
                name: "rounds_before",
                table: "chains");
        }
    }
}
