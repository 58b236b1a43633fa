// Where you are in the folders, each level a link back up.
export function Breadcrumbs({ folder, onOpen }: { folder: string; onOpen(folder: string): void }) {
  const parts = folder ? folder.split('/') : [];
  return (
    <nav aria-label="Folder" class="breadcrumbs">
      <ol>
        <li>
          {parts.length ? (
            <button type="button" class="link" onClick={() => onOpen('')}>
              Files
            </button>
          ) : (
            <span aria-current="location">Files</span>
          )}
        </li>
        {parts.map((part, index) => {
          const path = parts.slice(0, index + 1).join('/');
          const last = index === parts.length - 1;
          return (
            <li key={path}>
              {last ? (
                <span aria-current="location">{part}</span>
              ) : (
                <button type="button" class="link" onClick={() => onOpen(path)}>
                  {part}
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
