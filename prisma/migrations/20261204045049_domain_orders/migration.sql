-- CreateTable
CREATE TABLE "DomainCartItem" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "action" "DomainPriceAction" NOT NULL,
    "years" INTEGER NOT NULL DEFAULT 1,
    "authCodeEnc" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DomainCartItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DomainOrderItem" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "orderId" UUID,
    "invoiceId" UUID NOT NULL,
    "domainId" UUID,
    "name" TEXT NOT NULL,
    "action" "DomainPriceAction" NOT NULL,
    "years" INTEGER NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "taxRateBp" INTEGER NOT NULL DEFAULT 0,
    "authCodeEnc" TEXT,
    "renewsExpiry" TIMESTAMP(3),
    "processedAt" TIMESTAMP(3),
    "refundedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DomainOrderItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DomainCartItem_customerId_userId_name_key" ON "DomainCartItem"("customerId", "userId", "name");

-- CreateIndex
CREATE INDEX "DomainOrderItem_invoiceId_idx" ON "DomainOrderItem"("invoiceId");

-- CreateIndex
CREATE INDEX "DomainOrderItem_orderId_idx" ON "DomainOrderItem"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "DomainOrderItem_domainId_renewsExpiry_key" ON "DomainOrderItem"("domainId", "renewsExpiry");

-- AddForeignKey
ALTER TABLE "DomainCartItem" ADD CONSTRAINT "DomainCartItem_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DomainCartItem" ADD CONSTRAINT "DomainCartItem_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DomainOrderItem" ADD CONSTRAINT "DomainOrderItem_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DomainOrderItem" ADD CONSTRAINT "DomainOrderItem_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DomainOrderItem" ADD CONSTRAINT "DomainOrderItem_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DomainOrderItem" ADD CONSTRAINT "DomainOrderItem_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;
