import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { cn } from "@/components/ui";

// Raw HTML in the source is never rendered: it is turned into plain text, so a customer who pastes
// "<div>" into a ticket sees "<div>", and react-markdown escapes text. Its default urlTransform
// drops javascript: and other unsafe link targets.

type MdNode = { type: string; value?: string; children?: MdNode[] };

/** remark plugin: every raw HTML node (block or inline) becomes a text node with the same source. */
function remarkHtmlAsText() {
  const walk = (node: MdNode) => {
    if (node.type === "html") node.type = "text";
    node.children?.forEach(walk);
  };
  return (tree: MdNode) => walk(tree);
}
const components: Components = {
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer nofollow" className="text-link underline underline-offset-2" />,
  img: ({ node: _node, alt }) => <span>{alt}</span>,
  pre: ({ node: _node, ...props }) => <pre {...props} className="overflow-x-auto rounded-md bg-surface-muted p-3 text-sm" />,
  code: ({ node: _node, ...props }) => <code {...props} className="rounded bg-surface-muted px-1 py-0.5 font-mono text-[0.9em]" />,
  ul: ({ node: _node, ...props }) => <ul {...props} className="list-disc pl-6" />,
  ol: ({ node: _node, ...props }) => <ol {...props} className="list-decimal pl-6" />,
  blockquote: ({ node: _node, ...props }) => <blockquote {...props} className="border-l-2 border-border pl-3 text-muted" />,
  table: ({ node: _node, ...props }) => (
    <div className="overflow-x-auto">
      <table {...props} className="text-sm" />
    </div>
  ),
};

/** User- or staff-written Markdown (tickets, KB, announcements) rendered as safe React elements. */
export function Markdown({ source, className }: { source: string; className?: string }) {
  return (
    <div className={cn("space-y-3 break-words text-sm leading-relaxed [&_h1]:text-lg [&_h1]:font-semibold [&_h2]:font-semibold [&_h3]:font-medium", className)}>
      <ReactMarkdown remarkPlugins={[remarkGfm, remarkHtmlAsText]} components={components}>
        {source}
      </ReactMarkdown>
    </div>
  );
}
