using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Escalation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeadlineAlertAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "alert_owed",
                table: "deadline_clocks",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "alert_requested_at",
                table: "deadline_clocks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "alert_sent_at",
                table: "deadline_clocks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_deadline_clocks_alert_owed_alert_sent_at",
                table: "deadline_clocks",
                columns: new[] { "alert_owed", "alert_sent_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_deadline_clocks_alert_owed_alert_sent_at",
                table: "deadline_clocks");

            migrationBuilder.DropColumn(
                name: "alert_owed",
                table: "deadline_clocks");

            migrationBuilder.DropColumn(
                name: "alert_requested_at",
                table: "deadline_clocks");

            migrationBuilder.DropColumn(
                name: "alert_sent_at",
                table: "deadline_clocks");
        }
    }
}
