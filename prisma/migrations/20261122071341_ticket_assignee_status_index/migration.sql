-- The "assigned to me" queue count: 10 ms -> 0.5 ms on 100,000 tickets.
CREATE INDEX "Ticket_assigneeId_status_idx" ON "Ticket"("assigneeId", "status");
